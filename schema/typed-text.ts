// What a person types for another person to read, as a schema: trimmed, bounded, and with nothing that
// hides or disguises what it says (text.ts). One rule for every such text on the wire: names, notices,
// hold and deny messages, status messages, chat. zod/mini: the client parses these too.
import * as z from "zod/mini";
import { isPlainLine, isPlainText, PLAIN_LINE_MESSAGE } from "./text.ts";

/** One line (a name, a status): no control characters at all. */
export const typedLine = (maxLength: number, minLength = 0) =>
  z.string().check(z.trim(), z.minLength(minLength), z.maxLength(maxLength), z.refine(isPlainLine, PLAIN_LINE_MESSAGE));

/** Text of several lines (a notice, a chat message): line breaks allowed, other control characters not. */
export const typedText = (maxLength: number, minLength = 0) =>
  z.string().check(z.trim(), z.minLength(minLength), z.maxLength(maxLength), z.refine(isPlainText, PLAIN_LINE_MESSAGE));
