/** How many rows a table holds, in words: `1 line`, `3 lines`, `0 items`. */
export const countLabel = (count: number, singular: string, plural: string) =>
  `${count} ${count === 1 ? singular : plural}`;
