// What a page may ask the server to run: the labs in labs/catalog (and the
// exercises in labs/exercises), looked up by name. A name from a request is
// only ever compared with the declarations; the child's argv is built from the
// declaration that matched.
import { labs, findLab } from '../catalog/index.ts';
import { exercises, findExercise } from '../exercises/index.ts';
import { readProgress, statusOf, type ExerciseStatus } from '../exercises/progress.ts';
import { labsOffTarget, readiness, type Readiness } from './readiness.ts';

export interface Job {
  /** Two requests with the same key are the same job: the second is refused while the first runs. */
  key: string;
  /** How a refusal names it. */
  label: string;
  /** CLI arguments for labs/cli.ts. */
  args: readonly string[];
}

export type Status = Readiness & {
  /** Labs whose declarations do not list the chosen target. */
  offTarget: string[];
};

export interface Jobs {
  find(kind: 'lab' | 'exercise', name: string): Job | undefined;
  status(): Promise<Status>;
  /** The learner's status per exercise, from the file `npm run lab -- exercises` reads. */
  progress(): Record<string, ExerciseStatus>;
}

export function catalogJobs(env: NodeJS.ProcessEnv = process.env): Jobs {
  return {
    find(kind, name) {
      if (kind === 'lab') {
        const lab = findLab(name);
        return lab && { key: `lab:${lab.name}`, label: `lab ${lab.name}`, args: [lab.name] };
      }
      const exercise = findExercise(name);
      // The learner's own file, bpf/exercises/<id>.c: the path comes from the declaration, never from the request.
      return exercise && { key: `exercise:${exercise.id}`, label: `the check of ${exercise.id}`, args: ['check', exercise.id] };
    },
    progress() {
      const progress = readProgress();
      return Object.fromEntries(exercises.map((e) => [e.id, statusOf(progress, e.id)]));
    },
    async status() {
      const ready = await readiness(env);
      return { ...ready, offTarget: labsOffTarget(labs, ready.target) };
    },
  };
}
