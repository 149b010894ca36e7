export { newUuid } from './uuid';
