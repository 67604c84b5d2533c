export { ReversalsScreen } from './ReversalsScreen.tsx';
