// RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256) + HKDF-SHA256 + AES-256-GCM
// (mode 0, kem_id 0x0020, kdf_id 0x0001, aead_id 0x0002).
//
// RFC 9180 Appendix A prints only some suites (A.1 is X25519 with AES-128-GCM, A.6 is P-521 with
// AES-256-GCM); this one is in the complete set the appendix points to, test-vectors.json in
// https://github.com/cfrg/draft-irtf-cfrg-hpke. That file could not be read here (only a 2020
// draft version is stored), so the values were taken from its translation into BoringSSL's format:
// aws/aws-lc crypto/hpke/hpke_test_vectors.txt at 7147e7a0cc0a616a88e25dba2646a483d04d9d55, block
// "mode = 0, kem_id = 32, kdf_id = 1, aead_id = 2" (info, skRm, skEm, pkRm, pkEm, encryptions[0..2]).
// That format drops ikmR and ikmE; the two below come from copies of the CFRG file in other
// repositories and are checked, not trusted: the spec derives skRm/pkRm and skEm/pkEm from them.
export const RFC9180_X25519_SHA256_AES256GCM_BASE = {
  mode: 0,
  kemId: 0x0020,
  kdfId: 0x0001,
  aeadId: 0x0002,
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmR: 'dac33b0e9db1b59dbbea58d59a14e7b5896e9bdf98fad6891e99d1686492b9ee',
  ikmE: '2cd7c601cefb3d42a62b04b7a9041494c06c7843818e0ce28a8f704ae7ab20f9',
  skRm: '497b4502664cfea5d5af0b39934dac72242a74f8480451e1aee7d6a53320333d',
  pkRm: '430f4b9859665145a6b1ba274024487bd66f03a2dd577d7753c68d7d7d00c00c',
  skEm: '179d4b53b6365c45b600c4163b61d95cbc2f4d9e36f1695558dce265ab8bab11',
  pkEm: '6c93e09869df3402d7bf231bf540fadd35cd56be14f97178f0954db94b7fc256',
  enc: '6c93e09869df3402d7bf231bf540fadd35cd56be14f97178f0954db94b7fc256',
  encryptions: [
    {
      aad: '436f756e742d30',
      plaintext: '4265617574792069732074727574682c20747275746820626561757479',
      ciphertext: 'e5d84cd531cfb583096e7cfa9641bd3079cf3a91cda813c52deb5f512be9931980a41de125a925cdad859d5b7a',
    },
    {
      aad: '436f756e742d31',
      plaintext: '4265617574792069732074727574682c20747275746820626561757479',
      ciphertext: '2c43aff25343fdbff864506f0818b9d87df84ea01b1a2144d23b4d40c26bf655fdf197fe40297a8aebeed5cc2d',
    },
    {
      aad: '436f756e742d32',
      plaintext: '4265617574792069732074727574682c20747275746820626561757479',
      ciphertext: 'e0a8f2cf92ff61215edbb8c55dc31fe9e2eb42a5685867bb6854211542099f9e940c4b41c192bc390835b1a5f7',
    },
  ],
} as const;
