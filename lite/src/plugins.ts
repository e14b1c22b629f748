// The course's plugins for its browser edition (JupyterLite): the TypeScript kernel, and a Course
// menu to check an exercise with its public tests, download submission.zip and reset a file to its
// starter. What differs from the tslab edition is listed in one place: lite/README.md.
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { Dialog, showDialog } from "@jupyterlab/apputils";
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import type { DocumentWidget } from "@jupyterlab/docregistry";
import { IMainMenu } from "@jupyterlab/mainmenu";
import { INotebookTracker } from "@jupyterlab/notebook";
import { IContentsManager, type Contents, type ServiceManagerPlugin } from "@jupyterlab/services";
import { IStatusBar } from "@jupyterlab/statusbar";
import { IKernelClient, IKernelSpecs } from "@jupyterlite/services";
import { Menu, Widget } from "@lumino/widgets";
import { closingLines, resultLines } from "../../scripts/public-results";
import type { FromWorker } from "./channel";
import { CourseKernel } from "./kernel";
import { zipFiles } from "./zip";

/** The kernel's name: the lessons' kernelspec, so they open with it in both editions. */
const KERNEL = "tslab";

const url = (path: string): string => URLExt.join(PageConfig.getBaseUrl(), path);
const WORKER = (): string => url("course/kernel.worker.js");
const FILES = (): string => url("files/");

const kernels = new Map<string, CourseKernel>();

/**
 * A worker started when the app starts, so the first kernel finds the compiler and the library
 * already loaded (about 1.5 s sooner to a first result); later kernels start their own.
 */
let spare: Worker | undefined;
const newWorker = (): Worker => {
  const worker = spare ?? new Worker(WORKER());
  spare = undefined;
  return worker;
};

/** Registers the TypeScript kernel; the kernel client's interrupt also stops a running cell. */
const kernelPlugin: ServiceManagerPlugin<void> = {
  id: "lr-course:kernel",
  description: "The course's TypeScript kernel, running in a Web Worker with the course library.",
  autoStart: true,
  requires: [IKernelSpecs, IContentsManager, IKernelClient],
  activate: (_: null, specs: IKernelSpecs, contents: Contents.IManager, client: IKernelClient): void => {
    spare = new Worker(WORKER());
    specs.register({
      spec: {
        name: KERNEL,
        display_name: "TypeScript (course, in the browser)",
        language: "typescript",
        argv: [],
        resources: {},
      },
      create: async (options) => {
        const kernel = new CourseKernel({ ...options, newWorker, filesUrl: FILES(), contents });
        kernels.set(kernel.id, kernel);
        kernel.disposed.connect(() => kernels.delete(kernel.id));
        return kernel;
      },
    });
    const interrupt = client.interrupt.bind(client);
    client.interrupt = async (id: string): Promise<void> => {
      kernels.get(id)?.interrupt();
      await interrupt(id);
    };
  },
};

/** The exercise id of a path under exercises/ ("a01-step-decay"), if any. */
export function exerciseOf(path: string): string | undefined {
  return /^exercises\/([^/]+)\//.exec(path)?.[1];
}

/** Ids of the exercises that have an answer file, sorted (as `npm run submit` takes them). */
async function exerciseIds(contents: Contents.IManager): Promise<string[]> {
  const dir = await contents.get("exercises", { content: true });
  const ids: string[] = [];
  for (const item of (dir.content ?? []) as Contents.IModel[]) {
    if (item.type !== "directory") continue;
    const inside = await contents.get(item.path, { content: true });
    if (((inside.content ?? []) as Contents.IModel[]).some((f) => f.name === "exercise.ts")) ids.push(item.name);
  }
  return ids.sort();
}

const text = async (contents: Contents.IManager, path: string): Promise<string> =>
  String((await contents.get(path, { content: true, format: "text", type: "file" })).content);

/** Shows `lines` in a dialog (a <pre>, so columns line up as in a terminal). */
async function report(title: string, lines: string[]): Promise<void> {
  const body = new Widget({ node: document.createElement("pre") });
  body.node.className = "course-report";
  body.node.textContent = lines.join("\n");
  await showDialog({ title, body, buttons: [Dialog.okButton()] });
}

/** The document open in the main area, if it is a file of the site. */
function currentDocument(app: JupyterFrontEnd): DocumentWidget | undefined {
  const widget = app.shell.currentWidget as DocumentWidget | null;
  return widget && "context" in widget ? widget : undefined;
}

/** Runs the public tests of exercise `id` in a fresh worker, against the student's saved files. */
async function check(contents: Contents.IManager, id: string): Promise<string[]> {
  const folder = await contents.get(`exercises/${id}`, { content: true });
  const files: Record<string, string> = {};
  for (const f of (folder.content ?? []) as Contents.IModel[]) if (f.name.endsWith(".ts")) files[f.path] = await text(contents, f.path);
  const worker = new Worker(WORKER());
  try {
    const results = await new Promise<Extract<FromWorker, { type: "checked" }>["results"]>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromWorker>) => e.data.type === "checked" && resolve(e.data.results);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ type: "init", filesUrl: FILES() });
      worker.postMessage({ type: "check", id: 1, exercise: id, files });
    });
    const { lines, failed } = resultLines(results);
    return [...lines, ...closingLines(failed, "choose Check again")];
  } finally {
    worker.terminate();
  }
}

/** The Course menu and its commands; notebooks open trusted, so saved figures draw again after a reload. */
const coursePlugin: JupyterFrontEndPlugin<void> = {
  id: "lr-course:course",
  description: "The Course menu (check, submission, reset), figures' files, and the type-checking notice.",
  autoStart: true,
  requires: [IContentsManager],
  optional: [IMainMenu, INotebookTracker, IStatusBar],
  activate: (app: JupyterFrontEnd, contents: Contents.IManager, mainMenu: IMainMenu | null, notebooks: INotebookTracker | null, statusBar: IStatusBar | null) => {
    // Figures load plotly and the library from the site's course/web/ (notebooks/lib/web.ts asks window.__course).
    const w = window as unknown as { __course?: { loads: Record<string, Promise<unknown>>; load?: (name: string, file: string) => Promise<unknown> } };
    const C = (w.__course ??= { loads: {} });
    C.load = (name, file) => {
      const have = (window as unknown as Record<string, unknown>)[name];
      if (have) return Promise.resolve(have);
      C.loads[name] ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = url(`course/web/${file}`);
        script.onload = () => resolve((window as unknown as Record<string, unknown>)[name]);
        script.onerror = () => {
          delete C.loads[name];
          reject(new Error(`could not load ${script.src}`));
        };
        document.head.appendChild(script);
      });
      return C.loads[name]!;
    };

    // The course's own notebooks and the student's: their figures' scripts may run after a reload.
    notebooks?.widgetAdded.connect((_, panel) => {
      void panel.context.ready.then(() => {
        const model = panel.content.model;
        if (!model) return;
        const dirty = model.dirty;
        for (const cell of model.cells) cell.trusted = true;
        model.dirty = dirty;
      });
    });

    const exerciseId = (): string | undefined => {
      const doc = currentDocument(app);
      return doc ? exerciseOf(doc.context.path) : undefined;
    };
    app.commands.addCommand("course:check", {
      label: "Check This Exercise (public tests)",
      isEnabled: () => exerciseId() !== undefined,
      execute: async () => {
        const doc = currentDocument(app);
        const id = exerciseId();
        if (!doc || !id) return;
        await doc.context.save();
        await report(`Check ${id}`, await check(contents, id));
      },
    });
    app.commands.addCommand("course:submission", {
      label: "Download submission.zip",
      execute: async () => {
        const ids = await exerciseIds(contents);
        const files: [string, string][] = [];
        for (const id of ids) files.push([`${id}/exercise.ts`, await text(contents, `exercises/${id}/exercise.ts`)]);
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([zipFiles(files)], { type: "application/zip" }));
        link.download = "submission.zip";
        document.body.appendChild(link);
        link.click();
        link.remove();
        await report("submission.zip", [
          `Downloaded submission.zip with the answer files of ${ids.length} exercises (exercises/<id>/exercise.ts only).`,
          "Upload submission.zip to the course's grader.",
        ]);
      },
    });
    app.commands.addCommand("course:reset", {
      label: "Reset This File to Its Starter",
      isEnabled: () => exerciseId() !== undefined,
      execute: async () => {
        const doc = currentDocument(app);
        if (!doc || !exerciseId()) return;
        const path = doc.context.path;
        const answer = await showDialog({
          title: "Reset to the starter?",
          body: `${path} goes back to the course's starter file; your changes to it are lost.`,
          buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: "Reset" })],
        });
        if (!answer.button.accept) return;
        const starter = await fetch(url(`files/${path}`));
        if (!starter.ok) throw new Error(`could not read the starter ${path} (${starter.status})`);
        await contents.save(path, { type: "file", format: "text", content: await starter.text() });
        await doc.context.revert();
      },
    });
    if (mainMenu) {
      const menu = new Menu({ commands: app.commands });
      menu.title.label = "Course";
      menu.id = "course-menu";
      for (const command of ["course:check", "course:submission", "course:reset"]) menu.addItem({ command });
      mainMenu.addMenu(menu, true, { rank: 1000 });
    }
    if (statusBar) {
      const notice = new Widget();
      notice.node.textContent = "TypeScript here is not type-checked (the tslab edition checks types)";
      notice.node.className = "course-typecheck-notice";
      statusBar.registerStatusItem("lr-course:typecheck-notice", { item: notice, align: "left", rank: 1000 });
    }
  },
};

export default [kernelPlugin, coursePlugin];
