/**
 * /favicon.ico, which browsers ask for on every site: the SVG icon (public/favicon.svg)
 * rasterised to 32×32 and wrapped in an ICO container (one PNG image, as ICO allows).
 */
import { Resvg } from "@resvg/resvg-js";
import svg from "../../public/favicon.svg?raw";

export function GET(): Response {
  const png = new Resvg(svg, { fitTo: { mode: "width", value: 32 } }).render().asPng();
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(32, 6); // width
  header.writeUInt8(32, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // the PNG follows the header
  return new Response(new Uint8Array(Buffer.concat([header, png])), { headers: { "content-type": "image/x-icon" } });
}
