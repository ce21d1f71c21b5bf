"""Task queue names, in one place for the API, the worker and the launcher."""

MAIN_TASK_QUEUE = "qingling-main"
