// The course's colour overrides for WCAG 2.1 AA contrast, shared by the static pages and the browser edition.

/**
 * Colours that reach WCAG 2.1 AA's 4.5 : 1 for text (issue 23), overriding JupyterLab's light theme
 * in nbconvert's pages and in the browser edition (both read these variables): the code
 * highlighting (the pygments classes of cells and of code in markdown read them too) on the cell
 * background (#f5f5f5) and on markdown code blocks (#eeeeee), and
 * the input/output prompts, which the theme shows at half opacity (#b0b0b0 on white, 2.2 : 1).
 * Ratios on #f5f5f5 / #eeeeee, from the WCAG relative-luminance formula.
 */
export const ACCESSIBLE_CSS = `<style id="course-accessible-colours">
:root, body {   /* body too: the browser edition loads its theme after this sheet, and body beats :root */
  --jp-mirror-editor-number-color: #006b00;    /* 6.2 / 5.8 (was #080, 4.3) */
  --jp-mirror-editor-keyword-color: #006b00;   /* 6.2 / 5.8 (was #008000, 4.7 / 4.4) */
  --jp-mirror-editor-builtin-color: #006b00;
  --jp-mirror-editor-quote-color: #006b00;     /* (was #090, 3.5) */
  --jp-mirror-editor-comment-color: #2e6b6b;   /* 5.6 / 5.3 (was #408080, 4.2) */
  --jp-mirror-editor-operator-color: #7a1fc2;  /* 6.9 / 6.5 (was #aa22ff, 4.4) */
  --jp-mirror-editor-meta-color: #7a1fc2;
  --jp-mirror-editor-atom-color: #3b3bd0;      /* 7.1 / 6.7 (was #88f, 2.8) */
  --jp-mirror-editor-bracket-color: #6b6b47;   /* 5.0 / 4.7 (was #997, 2.7) */
  --jp-mirror-editor-error-color: #b30000;     /* 6.6 / 6.2 (was #f00, 3.7) */
  --jp-mirror-editor-hr-color: #6b6b6b;
  --jp-cell-inprompt-font-color: #1f6aa8;      /* 5.2 on white-ish (was #307fc1, 3.9) */
  --jp-cell-outprompt-font-color: #a34a2f;     /* 5.4 (was #bf5b3d, 4.0) */
  --jp-cell-prompt-not-active-font-color: #616161;
  --jp-cell-prompt-not-active-opacity: 1;      /* #616161 at full opacity: 6.2 on white */
}
</style>`;
