/** The chart of an indicator as a standalone SVG with title, sources and data version. */
import type { APIRoute } from "astro";
import { chartPaths, chartSvgResponse } from "../../../lib/chart-routes";

export const getStaticPaths = chartPaths;
export const GET: APIRoute = ({ params, site }) => chartSvgResponse(params.id!, site!, "en");
