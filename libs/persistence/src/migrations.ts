import { CreatePipelineSchema1764000000000 } from '../../../migrations/1764000000000-create-pipeline-schema';

// Every migration, in order. A merged migration is never edited: add another.
export const MIGRATIONS = [CreatePipelineSchema1764000000000];
