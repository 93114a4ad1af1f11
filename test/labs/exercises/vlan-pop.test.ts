import { describeExercise } from '../../support/exercises.ts';

describeExercise('vlan-pop', { status: 'fail', details: ['access-vlan-popped', 'other-tags-dropped', 'short-tag-dropped'] });
