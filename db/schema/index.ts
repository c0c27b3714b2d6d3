export * from './workspaces';
export * from './channels';
export * from './contacts';
export * from './conversations';
export * from './messages';
export * from './sign-in-throttle';
export * from './delivery';
export * from './audit';
