// AES-256-GCM known answers: test cases 13–16 of McGrew & Viega, "The Galois/Counter Mode of
// Operation (GCM)" (the 256-bit-key cases; NIST SP 800-38D points to the same document). Values
// copied from gnutls/nettle testsuite/gcm-test.c (commit 66f4c372b15a081747d03ee6edc586914ff3d25d,
// "Test case 13".."Test case 16" under nettle_gcm_aes256), and cross-checked against other public
// copies of the same four cases (Google Tink's NistTestVector list, several test suites quoting
// 530f8afbc74536b9a963b4f1c4cb738b and cea7403d…/d0d1c8a7…). Hex, lower case.
export interface GcmVector {
  name: string;
  key: string;
  iv: string;
  aad: string;
  plaintext: string;
  ciphertext: string;
  tag: string;
}

const K15 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
const PT15 =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
  '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const CT15 =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
  '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad';

export const GCM_AES256_VECTORS: readonly GcmVector[] = [
  {
    name: 'test case 13 (zero key, empty plaintext)',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    aad: '',
    plaintext: '',
    ciphertext: '',
    tag: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    name: 'test case 14 (zero key, one zero block)',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    aad: '',
    plaintext: '00'.repeat(16),
    ciphertext: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    name: 'test case 15 (four blocks, no AAD)',
    key: K15,
    iv: 'cafebabefacedbaddecaf888',
    aad: '',
    plaintext: PT15,
    ciphertext: CT15,
    tag: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    name: 'test case 16 (60 octets, 20 octets of AAD)',
    key: K15,
    iv: 'cafebabefacedbaddecaf888',
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    plaintext: PT15.slice(0, 120),
    ciphertext: CT15.slice(0, 120),
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];
