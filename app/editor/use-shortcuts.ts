import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  cut: () => void;
  paste: () => void;
  selectAll: () => void;
}

/** True when the key goes to a text box or a list, whose own Ctrl+Z, Ctrl+C and Ctrl+A must keep working. */
function isTypingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Editor shortcuts: Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo, Ctrl+C/X/V copy, cut and paste nodes, Ctrl+A select
 * all (Cmd on a Mac). Delete and Backspace are React Flow's own (deleteKeyCode).
 */
export function useEditorShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTypingInto(event.target)) return;
      const key = event.key.toLowerCase();
      const act = latest.current;
      // Text selected on the page (a diagnostic's wording) is copied as text, not as nodes.
      const textSelected = (window.getSelection()?.toString() ?? '') !== '';
      if (key === 'z' && !event.shiftKey) act.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') act.redo();
      else if (key === 'c' && !textSelected) act.copy();
      else if (key === 'x' && !textSelected) act.cut();
      else if (key === 'v') act.paste();
      else if (key === 'a') act.selectAll();
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
