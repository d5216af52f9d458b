// Names the add-in's code and its manifests (manifest/src/addin-files.ts) must agree on.

/** The on-send handler, as registered with Office.actions.associate and named by LaunchEvent/autoRunEvents. */
export const ON_SEND_FUNCTION = 'onMessageSendHandler';
/** The task pane button's control id: the Smart Alerts dialog opens the task pane with it (commandId). */
export const TASK_PANE_CONTROL_ID = 'PhiGuardTaskPane';
