import { describeExercise } from '../../support/exercises.ts';

describeExercise('frame-length', { status: 'fail', details: ['runts-dropped', 'giants-dropped', 'bytes-counted'] });
