/**
 * Gradebooks that learning-management systems import as they are, one column of totals named
 * for the assignment, written by `grade-all` (and `grade:merge`) beside gradebook.csv:
 *
 * - `canvas.csv`: Canvas's gradebook import (Grades → Import). The columns Canvas's importer
 *   requires (canvas-lms, app/models/gradebook_importer.rb): `Student`, `ID`, `SIS User ID`,
 *   `SIS Login ID`, `Section`, then one column per assignment; a `Points Possible` row sets the
 *   points of a new assignment. Students are matched by `SIS Login ID`, else by name: both hold
 *   the submission's name, so submissions named by the students' logins import as they are.
 *   Canvas reads any row whose `Student` cell contains "Points Possible" as the points row
 *   (GradebookImporter#check_for_non_student_row): a student so named gets an empty `Student`
 *   cell, and is matched by `SIS Login ID` alone.
 * - `moodle.csv`: Moodle's CSV grade import (Grades → Import → CSV file): a header row and a
 *   column of identifiers the import maps to a user field (username, email address or ID
 *   number: "Identify user by"), and the grade column, imported as a new grade item named by
 *   its header (moodle, grade/import/csv/classes/load_data.php).
 * - `totals.csv`: `student,total`, for anything else.
 *
 * Only graded students are listed (an LMS would read a blank as a grade); every cell goes
 * through `csvCell`, so no name is read as a formula.
 */
import type { GradeResult } from "../score/score";
import { csvCell } from "./report";

/** The gradebook column's name when grading for no assignment file. */
export const DEFAULT_TITLE = "Exercises";

/** A graded student: the submission's exact name and its result. */
export interface LmsRow {
  student: string;
  result: GradeResult;
}

/** Moodle refuses an imported grade above this unless the site allows more (`unlimitedgrades`, load_data.php). */
export const MOODLE_MAX_GRADE = 100;

/** What makes Canvas's importer read a row as the points of the assignments, not a student. */
const CANVAS_POINTS_ROW = /Points Possible/;

const line = (cells: Array<string | number>) => cells.map(csvCell).join(",");
const text = (lines: string[]) => lines.join("\n") + "\n";

/** The three files, by name, for graded students of one assignment (`title`, worth `max` points). */
export function lmsGradebooks(title: string, max: number, rows: LmsRow[]): Record<string, string> {
  return {
    "canvas.csv": text([
      line(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title]),
      line(["Points Possible", "", "", "", "", max]),
      ...rows.map((r) => line([CANVAS_POINTS_ROW.test(r.student) ? "" : r.student, "", "", r.student, "", r.result.score])),
    ]),
    "moodle.csv": text([line(["Student", title]), ...rows.map((r) => line([r.student, r.result.score]))]),
    "totals.csv": text([line(["student", "total"]), ...rows.map((r) => line([r.student, r.result.score]))]),
  };
}

/** What an instructor must know before importing, or null: Moodle's limit of 100 for imported grades. */
export function lmsNote(max: number): string | null {
  return max > MOODLE_MAX_GRADE
    ? `moodle.csv: totals can reach ${max}, and Moodle refuses imported grades above ${MOODLE_MAX_GRADE} unless the site allows them (unlimitedgrades, gradepointmax); or give the assignment at most ${MOODLE_MAX_GRADE} points with --assignment`
    : null;
}
