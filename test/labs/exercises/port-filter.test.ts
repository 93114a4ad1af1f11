import { describeExercise } from '../../support/exercises.ts';

describeExercise('port-filter', { status: 'fail', details: ['port-dropped'] });
