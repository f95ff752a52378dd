/** @mapbox/geojson-rewind ships no types: it rewinds rings in place and returns its argument (`clockwise` false: RFC 7946 order). */
declare module "@mapbox/geojson-rewind" {
  export default function rewind<T extends object>(geojson: T, clockwise?: boolean): T;
}
