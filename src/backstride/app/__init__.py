"""The use cases: a clip's analysis as one flow (pipeline), a side and rear pair assessed and
written (assess, output), the built-in demo. The CLI and the web app call these."""
