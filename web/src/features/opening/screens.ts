export { OpeningScreen } from './OpeningScreen.tsx';
