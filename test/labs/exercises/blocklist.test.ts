import { describeExercise } from '../../support/exercises.ts';

describeExercise('blocklist', { status: 'fail', details: ['blocked-dropped', 'hits-counted'] });
