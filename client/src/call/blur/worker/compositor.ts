// The blurred picture: the background blurred, the person drawn sharp through the mask. Everything is
// 2D canvas work on OffscreenCanvas, so it runs without WebGL.
import type { Mask, Segmenter } from "./segmenter.ts";

/** How much of the frame the blur works on: a quarter of each side, then scaled back up. */
const BACKGROUND_SCALE = 4;
const BACKGROUND_BLUR_PX = 3;

type Canvas2D = OffscreenCanvasRenderingContext2D;

/** `readBack`: its pixels are read every frame, so it should live in memory rather than on the GPU. */
function canvas(width: number, height: number, readBack = false): { canvas: OffscreenCanvas; context: Canvas2D } {
  const c = new OffscreenCanvas(width, height);
  const context = c.getContext("2d", { willReadFrequently: readBack });
  if (!context) throw new Error("no 2D canvas in the blur worker");
  return { canvas: c, context };
}

export interface Compositor {
  /** Draws the blurred picture of `frame` and returns the canvas holding it (reused for every frame). */
  draw(frame: CanvasImageSource, width: number, height: number): OffscreenCanvas;
}

export function createCompositor(segmenter: Segmenter): Compositor {
  const small = canvas(segmenter.width, segmenter.height, true);
  const mask = canvas(segmenter.width, segmenter.height);
  let sized: { width: number; height: number } | undefined;
  let copy = canvas(1, 1);
  let out = canvas(1, 1);
  let person = canvas(1, 1);
  let background = canvas(1, 1);

  const resize = (width: number, height: number) => {
    if (sized?.width === width && sized.height === height) return;
    sized = { width, height };
    copy = canvas(width, height);
    out = canvas(width, height);
    person = canvas(width, height);
    background = canvas(Math.ceil(width / BACKGROUND_SCALE), Math.ceil(height / BACKGROUND_SCALE));
  };

  const drawMask = (m: Mask) => {
    mask.context.putImageData(new ImageData(m.rgba, m.width, m.height), 0, 0);
  };

  return {
    draw(input, width, height) {
      resize(width, height);
      // A camera frame is drawn once: converting it (a YUV VideoFrame, say) costs more than copying a canvas.
      copy.context.drawImage(input, 0, 0, width, height);
      const frame = copy.canvas;
      small.context.drawImage(frame, 0, 0, segmenter.width, segmenter.height);
      drawMask(segmenter.segment(small.context.getImageData(0, 0, segmenter.width, segmenter.height).data));
      // The person: the mask scaled up (its edge comes out soft), then the frame kept only where it is.
      const p = person.context;
      p.globalCompositeOperation = "copy";
      p.drawImage(mask.canvas, 0, 0, width, height);
      p.globalCompositeOperation = "source-in";
      p.drawImage(frame, 0, 0, width, height);
      // The background: blurring a small copy costs a fraction of blurring the full frame, and the
      // bilinear upscale smooths it further.
      const b = background.context;
      b.filter = `blur(${BACKGROUND_BLUR_PX}px)`;
      b.drawImage(frame, 0, 0, background.canvas.width, background.canvas.height);
      b.filter = "none";
      out.context.drawImage(background.canvas, 0, 0, width, height);
      out.context.drawImage(person.canvas, 0, 0);
      return out.canvas;
    },
  };
}
