// Person segmentation on the CPU: the TFLite runtime's exported functions over its heap. Runs in the
// blur worker only (it calls importScripts).
import { BLUR_BASE, RUNTIME_FACTORY, RUNTIME_FILES } from "../runtime.ts";

/** The runtime's exports as its loader gives them. */
interface TFLiteModule {
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  _getModelBufferMemoryOffset(): number;
  _loadModel(bytes: number): number;
  _getInputMemoryOffset(): number;
  _getInputWidth(): number;
  _getInputHeight(): number;
  _getOutputMemoryOffset(): number;
  _runInference(): number;
}
type Factory = (options: { locateFile(file: string): string }) => Promise<TFLiteModule>;

declare function importScripts(...urls: string[]): void;

/** A person mask: one confidence (0 background … 1 person) per pixel, at the model's size. */
export interface Mask {
  width: number;
  height: number;
  /** RGBA, with the confidence in alpha: ready for putImageData. */
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

export interface Segmenter {
  readonly width: number;
  readonly height: number;
  /** `pixels` is RGBA at width × height. */
  segment(pixels: Uint8ClampedArray): Mask;
}

export async function loadSegmenter(): Promise<Segmenter> {
  importScripts(BLUR_BASE + RUNTIME_FILES.loader);
  const factory = (self as unknown as Record<string, Factory | undefined>)[RUNTIME_FACTORY];
  if (!factory) throw new Error("blur runtime did not load");
  const [tflite, model] = await Promise.all([
    factory({ locateFile: (file) => BLUR_BASE + file }),
    fetch(BLUR_BASE + RUNTIME_FILES.model).then((response) => {
      if (!response.ok) throw new Error(`blur model: ${response.status}`);
      return response.arrayBuffer();
    }),
  ]);
  tflite.HEAPU8.set(new Uint8Array(model), tflite._getModelBufferMemoryOffset());
  if (tflite._loadModel(model.byteLength) !== 0) throw new Error("blur model did not load");
  const width = tflite._getInputWidth();
  const height = tflite._getInputHeight();
  const pixels = width * height;
  const input = tflite._getInputMemoryOffset() / 4;
  const output = tflite._getOutputMemoryOffset() / 4;
  const rgba = new Uint8ClampedArray(pixels * 4);
  return {
    width,
    height,
    segment(source) {
      // The heap view is read afresh each time: it is replaced if the wasm memory ever grows.
      const heap = tflite.HEAPF32;
      for (let i = 0; i < pixels; i++) {
        heap[input + i * 3] = (source[i * 4] ?? 0) / 255;
        heap[input + i * 3 + 1] = (source[i * 4 + 1] ?? 0) / 255;
        heap[input + i * 3 + 2] = (source[i * 4 + 2] ?? 0) / 255;
      }
      tflite._runInference();
      for (let i = 0; i < pixels; i++) rgba[i * 4 + 3] = (heap[output + i] ?? 0) * 255;
      return { width, height, rgba };
    },
  };
}
