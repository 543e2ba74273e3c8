/**
 * The spoken languages the editor offers in its lists (a prompt's language, a translation to add, the flow's
 * language), named in the reader's language (editor:prompt.languages); any other tag already in a document stays
 * selectable (SelectField keeps it).
 */
export const LANGUAGE_TAGS = ['fr-FR', 'en-US', 'en-GB', 'de-DE', 'es-ES', 'it-IT', 'nl-NL', 'pt-PT'] as const;
