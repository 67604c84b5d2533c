/** The transfer screens' chunk (TransfersRoute imports it on demand): not needed to log in or to see stock. */
export { TransfersScreen } from './TransfersScreen.tsx';
export { TransferOrderScreen } from './TransferOrderScreen.tsx';
