// Marks where DuckDB says a statement went wrong: an underline in the editor that goes away as
// soon as the text changes.
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

export const setErrorMark = StateEffect.define<{ from: number; to: number } | null>();

const mark = Decoration.mark({ class: 'cm-sql-error', attributes: { title: 'DuckDB reported the error here' } });

export const errorMarkField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    if (tr.docChanged) return Decoration.none;
    for (const effect of tr.effects) {
      if (effect.is(setErrorMark)) {
        const value = effect.value;
        if (value === null || value.to <= value.from) return Decoration.none;
        return Decoration.set([mark.range(value.from, value.to)]);
      }
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The word (or single character) starting at `offset`, for the error underline. */
export function errorSpan(doc: string, offset: number): { from: number; to: number } {
  const from = Math.max(0, Math.min(offset, doc.length));
  const word = /^[\w."]+/.exec(doc.slice(from, from + 200))?.[0]?.length ?? 1;
  return { from, to: Math.min(doc.length, from + Math.max(1, word)) };
}
