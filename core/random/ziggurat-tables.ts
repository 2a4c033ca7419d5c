/**
 * Tables for the 256-layer ziggurat of the standard normal density, after Marsaglia & Tsang (2000),
 * "The Ziggurat Method for Generating Random Variables", Journal of Statistical Software 5(8): their
 * constants for 256 layers, where 1.3% of draws leave the rectangles for the slow path (128 layers: 2.8%).
 * Built once at load from the two published constants; only Math.exp, Math.log and Math.sqrt are used,
 * which V8 computes the same way on every platform.
 */
/** The number of layers; the kernel (kernel/kernel.ts) takes a draw's layer from its low 8 bits. */
export const LAYERS = 256;
const TAIL_START = 3.6541528853610088;
const LAYER_AREA = 4.92867323399e-3;
const INT_SCALE = 2147483648;

/** Where the tail begins: draws beyond it come from Marsaglia's exponential tail method. */
export const ZIGGURAT_TAIL = TAIL_START;
/** |int32| below kn[layer] means the point is inside the layer's rectangle: accept at once. */
export const kn = new Float64Array(LAYERS);
/** Scale from an int32 to x within each layer. */
export const wn = new Float64Array(LAYERS);
/** The density exp(-x²/2) at each layer's right edge. */
export const fn = new Float64Array(LAYERS);

function buildTables(): void {
  let edge = TAIL_START;
  let previousEdge = edge;
  const baseWidth = LAYER_AREA / Math.exp(-0.5 * edge * edge);
  kn[0] = (edge / baseWidth) * INT_SCALE;
  kn[1] = 0;
  wn[0] = baseWidth / INT_SCALE;
  wn[LAYERS - 1] = edge / INT_SCALE;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * edge * edge);
  // Walk down the layers: each has the same area, so its edge follows from the one below.
  for (let layer = LAYERS - 2; layer >= 1; layer--) {
    edge = Math.sqrt(-2 * Math.log(LAYER_AREA / edge + Math.exp(-0.5 * edge * edge)));
    kn[layer + 1] = (edge / previousEdge) * INT_SCALE;
    previousEdge = edge;
    fn[layer] = Math.exp(-0.5 * edge * edge);
    wn[layer] = edge / INT_SCALE;
  }
}

buildTables();
