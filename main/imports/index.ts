// Bring your own data: the import service's public surface.
export { createImportService, IMPORTS_FOLDER, type ImportService } from './importService';
