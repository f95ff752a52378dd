// autocannon ships no types; the part the benchmark uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  interface Result {
    errors: number;
    non2xx: number;
    timeouts: number;
    duration: number;
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
  }
  type Instance = EventEmitter & PromiseLike<Result>;
  function autocannon(options: Options): Instance;
  export default autocannon;
}
