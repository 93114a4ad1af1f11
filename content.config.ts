import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import en from './content/i18n/en.json';

// A page may name the lab or the exercise it is about; the LabCard and the
// ExerciseCard, the tests and the compatibility page look the name up in labs/.
const slugName = z.string().regex(/^[a-z0-9-]+$/);
const pageFields = z.object({ lab: slugName.optional(), exercise: slugName.optional() });

// Our own UI strings must exist in every locale: the keys of en.json are required.
const uiStrings = z.object(Object.fromEntries(Object.keys(en).map((key) => [key, z.string()])));

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: pageFields }) }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: uiStrings.partial() }) }),
};
