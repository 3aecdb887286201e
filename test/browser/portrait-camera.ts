// A portrait phone camera for Chromium's fake capture: a small YUV4MPEG2 file (360×640, as a phone held
// upright sends), with a moving bar so that every frame differs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PORTRAIT = { width: 360, height: 640 } as const;
const FRAMES = 30;

let written: string | undefined;

/** Writes the file once per run and returns its path. */
export function portraitCameraFile(): string {
  if (written) return written;
  const { width, height } = PORTRAIT;
  const luma = width * height;
  const chroma = (width / 2) * (height / 2);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`);
  const parts: Buffer[] = [header];
  for (let f = 0; f < FRAMES; f++) {
    const frame = Buffer.alloc(luma + 2 * chroma);
    frame.fill(110, 0, luma);
    // A bright bar moving down the picture.
    const top = Math.floor((f / FRAMES) * (height - 40));
    frame.fill(235, top * width, (top + 40) * width);
    frame.fill(90, luma, luma + chroma);
    frame.fill(160, luma + chroma);
    parts.push(Buffer.from("FRAME\n"), frame);
  }
  written = join(mkdtempSync(join(tmpdir(), "anteroom-camera-")), "portrait.y4m");
  writeFileSync(written, Buffer.concat(parts));
  return written;
}
