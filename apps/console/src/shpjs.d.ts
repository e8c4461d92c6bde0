// shpjs 6 ships no types: the one call the console makes (a zip's bytes in, GeoJSON out).
declare module 'shpjs' {
  interface FeatureCollectionWithName {
    type: 'FeatureCollection';
    features: unknown[];
    fileName?: string;
  }
  export default function shp(input: ArrayBuffer | Uint8Array): Promise<FeatureCollectionWithName | FeatureCollectionWithName[]>;
}
