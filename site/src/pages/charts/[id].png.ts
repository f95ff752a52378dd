/** The chart of an indicator as PNG (the SVG file rasterised with resvg). */
import type { APIRoute } from "astro";
import { chartPaths, chartPngResponse } from "../../lib/chart-routes";

export const getStaticPaths = chartPaths;
export const GET: APIRoute = ({ params, site }) => chartPngResponse(params.id!, site!, "vi");
