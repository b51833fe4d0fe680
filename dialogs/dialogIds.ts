/**
 * Every dialog id. They are stored in conversation state, so they are constants here: never
 * derive them from class names, never rename one without migrating stored state.
 */
export const DialogIds = {
  main: 'main',
  flow: 'main.flow',
  language: 'language',
  languageSteps: 'language.steps',
  region: 'region',
  regionSteps: 'region.steps',
  menu: 'menu',
  menuSteps: 'menu.steps',
  topic: 'topic',
  topicSteps: 'topic.steps',
  buttons: 'buttons',
  responsibility: 'responsibility',
  responsibilitySteps: 'responsibility.steps',
  handoff: 'handoff',
  handoffSteps: 'handoff.steps',
  deleteData: 'deleteData',
  deleteDataSteps: 'deleteData.steps'
} as const;
