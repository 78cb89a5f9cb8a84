/** seedrandom's Alea generator on its own (its main module also loads six other generators and Node's crypto). */
declare module 'seedrandom/lib/alea.js' {
  /** Makes an Alea generator from a seed string: each call returns the next number in [0, 1). */
  const alea: (seed: string) => () => number;
  export default alea;
}
