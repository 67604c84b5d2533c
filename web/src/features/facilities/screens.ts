/** The facilities screens' chunk (FacilitiesRoute imports it on demand), with their styles. */
import './facilities.css';
export { FacilitiesScreen } from './FacilitiesScreen.tsx';
export { EquipmentScreen } from './EquipmentScreen.tsx';
