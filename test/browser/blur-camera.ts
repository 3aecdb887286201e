// A camera for the background blur test: a sharp checkerboard behind a plain, person-shaped figure (head
// and shoulders) that sways a little, as a YUV4MPEG2 file for Chromium's fake capture. A checkerboard is
// all edges, so blurring it is easy to measure: the corner's detail (readCornerDetail) collapses.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WIDTH = 640;
const HEIGHT = 360;
const FRAMES = 20;
const SQUARE = 8;

let written: string | undefined;

/** Writes the file once per run and returns its path. */
export function blurCameraFile(): string {
  if (written) return written;
  const luma = WIDTH * HEIGHT;
  const chroma = (WIDTH / 2) * (HEIGHT / 2);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F20:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < FRAMES; f++) {
    const frame = Buffer.alloc(luma + 2 * chroma);
    const sway = Math.round(8 * Math.sin((2 * Math.PI * f) / FRAMES));
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const dx = x - (WIDTH / 2 + sway);
        const head = (dx / 55) ** 2 + ((y - 120) / 70) ** 2 <= 1;
        const shoulders = y > 190 && Math.abs(dx) < 60 + (y - 190) * 1.2;
        const square = (Math.floor(x / SQUARE) + Math.floor(y / SQUARE)) % 2 === 0;
        frame[y * WIDTH + x] = head || shoulders ? 150 : square ? 40 : 215;
      }
    }
    frame.fill(118, luma, luma + chroma);
    frame.fill(140, luma + chroma);
    parts.push(Buffer.from("FRAME\n"), frame);
  }
  written = join(mkdtempSync(join(tmpdir(), "anteroom-blur-camera-")), "checkerboard.y4m");
  writeFileSync(written, Buffer.concat(parts));
  return written;
}

/**
 * In the page: the detail of a video's top-left corner (a quarter of each side, background in the blur
 * camera), as the mean brightness step between neighbouring pixels. NaN until the video has a frame.
 */
export const readCornerDetail = (video: Element): number => {
  const v = video as HTMLVideoElement;
  const width = Math.floor(v.videoWidth / 4);
  const height = Math.floor(v.videoHeight / 4);
  if (width < 2 || height < 1) return Number.NaN;
  const canvas = document.createElement("canvas");
  canvas.width = v.videoWidth;
  canvas.height = v.videoHeight;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return Number.NaN;
  context.drawImage(v, 0, 0);
  const pixels = context.getImageData(0, 0, width, height).data;
  const brightness = (i: number) =>
    0.299 * (pixels[i] ?? 0) + 0.587 * (pixels[i + 1] ?? 0) + 0.114 * (pixels[i + 2] ?? 0);
  let steps = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 1; x < width; x++) {
      const i = (y * width + x) * 4;
      steps += Math.abs(brightness(i) - brightness(i - 4));
    }
  }
  return steps / (height * (width - 1));
};
