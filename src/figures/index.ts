/** Plotly figure specs as plain JSON: schedules, loss curves, trajectories over level sets, sliders. */
export * from "./figure";
export * from "./downsample";
export * from "./smooth";
export * from "./contour";
export * from "./schedule";
export * from "./loss";
export * from "./trajectory";
export * from "./slider";
export * from "./describe";
