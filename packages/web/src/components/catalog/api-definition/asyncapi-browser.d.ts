// AsyncAPI's prebuilt browser bundle (its parser with the browser stand-ins for Node's modules built
// in) is the same component as the package's main entry, which needs Node's `util` and `fs`.
declare module '@asyncapi/react-component/browser/index.js' {
  import type { AsyncApiProps } from '@asyncapi/react-component';
  import type { ComponentType } from 'react';

  const AsyncApiComponent: ComponentType<AsyncApiProps>;
  // biome-ignore lint/style/noDefaultExport: the bundle's CommonJS export is the component itself
  export default AsyncApiComponent;
}
