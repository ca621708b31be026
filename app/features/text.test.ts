import { describe, expect, it } from "vitest";
import { hasUnsafeCharacters } from "./text.ts";

const code = (point: number) => String.fromCodePoint(point);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => code(from + i));

describe("hasUnsafeCharacters", () => {
  it("refuses C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates", () => {
    const unsafe = [...range(0x00, 0x08), 0x0b, 0x0c, ...range(0x0e, 0x1f), ...range(0x7f, 0x9f), ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)].map((point) => (typeof point === "number" ? code(point) : point));
    for (const character of unsafe) {
      const hex = character.codePointAt(0)?.toString(16);
      expect(hasUnsafeCharacters(`Name${character}x`), hex).toBe(true);
      expect(hasUnsafeCharacters(`Line one\n${character}`, { multiline: true }), hex).toBe(true);
    }
  });

  it("allows tabs and line breaks only in text of several lines", () => {
    for (const character of ["\t", "\n", "\r"]) {
      expect(hasUnsafeCharacters(`a${character}b`)).toBe(true);
      expect(hasUnsafeCharacters(`a${character}b`, { multiline: true })).toBe(false);
    }
  });

  it("accepts the text of every script, marks of direction, emoji and combining accents", () => {
    for (const text of ["Secretaría de Relaciones Exteriores", "Côte d’Ivoire", "وزارة الخارجية", "שלום\u200f", "a\u200eb", "中华人民共和国", "😀 É\u0301", "\u00a0nbsp and ÿ (U+00FF)", "¡Hola! «cuestionario»"]) {
      expect(hasUnsafeCharacters(text), text).toBe(false);
      expect(hasUnsafeCharacters(text, { multiline: true }), text).toBe(false);
    }
  });
});
