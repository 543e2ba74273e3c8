/**
 * The shape an English catalogue must have: exactly the keys of its French counterpart (French is written first:
 * it is the home language), each a string. A key missing on one side fails to compile here, and the catalogue
 * test (catalogues.test.ts) checks it again at run time, with the placeholders each sentence uses.
 */
export type Catalogue<French> = {
  [Key in keyof French]: French[Key] extends string ? string : Catalogue<French[Key]>;
};
