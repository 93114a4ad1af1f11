import { describeExercise } from '../../support/exercises.ts';

describeExercise('l4-balancer', { status: 'fail', details: ['flows-balanced', 'flows-stick'] });
