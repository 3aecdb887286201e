// Where background blur's runtime lives: Twilio's TFLite build (XNNPACK, CPU only: no WebGL needed, which
// headless Firefox and many older graphics drivers lack) and MediaPipe's selfie-segmentation landscape model,
// both vendored from the @twilio/video-processors package into /blur/ at build time (scripts/blur-runtime.ts).
// Only wasm SIMD builds are shipped: every Chromium and Firefox we support has it.

/** The folder every blur file is served from; only it has a CSP that allows wasm (client/public/_headers). */
export const BLUR_BASE = "/blur/";

/** Files copied from the package's dist/build into BLUR_BASE. */
export const RUNTIME_FILES = {
  loader: "tflite-simd-1-0-0.js",
  wasm: "tflite-simd-1-0-0.wasm",
  model: "selfie_segmentation_landscape.tflite",
  license: "LICENSE.md",
} as const;

/** The global the loader script defines (an Emscripten module factory). */
export const RUNTIME_FACTORY = "createTwilioTFLiteSIMDModule";
