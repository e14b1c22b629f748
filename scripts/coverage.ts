// npm run coverage: lists the syllabus headings (notebooks/syllabus.json) that no notebook in
// notebooks/ has as a markdown heading yet; exits 1 when any is missing.
import { listNotebooks } from "./notebooks";
import { markdownHeadings, missingHeadings, readSyllabus } from "./syllabus";

const syllabus = readSyllabus().lessons;
const missing = missingHeadings(syllabus, listNotebooks().flatMap(markdownHeadings));
const total = syllabus.reduce((n, lesson) => n + lesson.notebooks.reduce((m, nb) => m + nb.headings.length, 0), 0);
for (const { lesson, notebook, heading } of missing) console.log(`missing  ${lesson}${notebook}  ${heading}`);
console.log(`${total - missing.length} of ${total} syllabus headings covered`);
process.exitCode = missing.length > 0 ? 1 : 0;
