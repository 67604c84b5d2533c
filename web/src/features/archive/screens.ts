/** The archive screens' chunk (ArchiveRoute imports it on demand), with their styles. */
import './archive.css';
export { ArchiveScreen } from './ArchiveScreen.tsx';
export { DocumentScreen } from './DocumentScreen.tsx';
