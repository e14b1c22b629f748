// The browser edition's JupyterLab: the extensions below, JupyterLite's in-browser services, and
// the course's own plugins (lite/src/plugins.ts: the TypeScript kernel, the Course menu). Built by
// lite/rspack.config.js; the page (lite/app/index.html) sets the page config before this runs.
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import { PluginRegistry } from "@lumino/coreutils";
import "./style.js";

/** JupyterLab's server-side plugins that JupyterLite's services replace, and features without a server (as JupyterLite's lab app). */
const DISABLED = [
  "@jupyterlab/application-extension:logo",
  "@jupyterlab/application-extension:main",
  "@jupyterlab/application-extension:tree-resolver",
  "@jupyterlab/application-extension:router",
  "@jupyterlab/apputils-extension:licenses-client",
  "@jupyterlab/apputils-extension:announcements",
  "@jupyterlab/apputils-extension:resolver",
  "@jupyterlab/docmanager-extension:download",
  "@jupyterlab/filebrowser-extension:download",
  "@jupyterlab/filebrowser-extension:share-file",
  "@jupyterlab/services-extension:config-section-manager",
  "@jupyterlab/services-extension:connection-status",
  "@jupyterlab/services-extension:default-drive",
  "@jupyterlab/services-extension:event-manager",
  "@jupyterlab/services-extension:kernel-manager",
  "@jupyterlab/services-extension:kernel-spec-manager",
  "@jupyterlab/services-extension:nbconvert-manager",
  "@jupyterlab/services-extension:session-manager",
  "@jupyterlab/services-extension:setting-manager",
  "@jupyterlab/services-extension:user-manager",
  "@jupyterlab/services-extension:workspace-manager",
  "@jupyterlab/services-extension:terminal-manager",
  "@jupyterlite/application-extension:service-worker-manager",
  // No language server and no metadata form in this edition.
  "@jupyterlite/application-extension:lsp-connection-manager",
  "@jupyterlab/fileeditor-extension:language-server",
  "@jupyterlab/notebook-extension:language-server",
  "@jupyterlab/notebook-extension:update-raw-mimetype",
];

const EXTENSIONS = [
  require("@jupyterlab/application-extension"),
  require("@jupyterlab/apputils-extension"),
  require("@jupyterlab/codemirror-extension"),
  require("@jupyterlab/docmanager-extension"),
  require("@jupyterlab/documentsearch-extension"),
  require("@jupyterlab/filebrowser-extension"),
  require("@jupyterlab/fileeditor-extension"),
  require("@jupyterlab/launcher-extension"),
  require("@jupyterlab/mainmenu-extension"),
  require("@jupyterlab/markedparser-extension"),
  require("@jupyterlab/mathjax-extension"),
  require("@jupyterlab/notebook-extension"),
  require("@jupyterlab/rendermime-extension"),
  require("@jupyterlab/services-extension"),
  require("@jupyterlab/shortcuts-extension"),
  require("@jupyterlab/statusbar-extension"),
  require("@jupyterlab/theme-light-extension"),
  require("@jupyterlab/toc-extension"),
  require("@jupyterlab/translation-extension"),
  require("@jupyterlab/ui-components-extension"),
  require("@jupyterlite/application-extension"),
  require("@jupyterlite/apputils-extension"),
  require("@jupyterlite/services-extension"),
  require("../src/plugins"),
];

/** The plugins of one extension module that are not disabled. */
function plugins(extension) {
  const exported = extension.__esModule ? extension.default : extension;
  return (Array.isArray(exported) ? exported : [exported]).filter(
    (p) => !DISABLED.includes(p.id) && !PageConfig.Extension.isDisabled(p.id),
  );
}

async function main() {
  const registered = EXTENSIONS.flatMap(plugins);
  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(registered);
  const { IServiceManager } = require("@jupyterlab/services");
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);
  const app = new JupyterLab({ pluginRegistry, serviceManager, mimeExtensions: [], availablePlugins: registered });
  app.name = "JupyterLite";
  window.jupyterapp = app;
  await app.start({ bubblingKeydown: true });
  await app.restored;
  document.body.dataset.courseReady = "true";
}

main().catch((e) => {
  console.error(e);
  document.body.dataset.courseError = String(e);
});
