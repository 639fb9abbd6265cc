// The manual's many-to-many example, typed: a Person has many Jobs, a Company has many
// employees (Jobs), and each Job links one Person to one Company. Job states both reverse
// relations (`person`, `company`), which Person's and Company's definitions create.
import type { RelationalModel, HasManyOf, HasOneOf } from 'backbone-relational-ts';
import type { BackboneWithRelational, Output } from './types.mjs';

interface Person extends RelationalModel<{ id?: string; name: string }, { jobs: HasManyOf<Job> }> {}
interface Company extends RelationalModel<{ id?: string; name: string }, { employees: HasManyOf<Job> }> {}
// A link object between 'Person' and 'Company'
interface JobAttributes {
  id?: string;
  startDate: string | null;
  endDate: string | null;
}
interface Job extends RelationalModel<JobAttributes, { person: HasOneOf<Person>; company: HasOneOf<Company> }> {}

export function jobs(Backbone: BackboneWithRelational, out: Output): void {
  const models: Record<string, unknown> = {};
  Backbone.Relational.store.addModelScope(models);

  const Person = Backbone.RelationalModel.extend<Person>({
    relations: [{
      type: 'HasMany',
      key: 'jobs',
      relatedModel: 'Job',
      reverseRelation: {
        key: 'person',
      },
    }],
  });
  const Job = Backbone.RelationalModel.extend<Job>({
    defaults: {
      startDate: null,
      endDate: null,
    },
  });
  const Company = Backbone.RelationalModel.extend<Company>({
    relations: [{
      type: 'HasMany',
      key: 'employees',
      relatedModel: 'Job',
      reverseRelation: {
        key: 'company',
      },
    }],
  });
  Object.assign(models, { Person, Job, Company });

  out.heading('add:jobs fires once the whole graph is consistent (typed)');

  const p = new Person({ id: 'p1', name: 'Larry Page' });
  p.on('add:jobs', (job: Job) => {
    // Here, you want the correct person and company to be set on job, instead of plain js.
    out.line('add:jobs: ' + job.get('person')?.get('name') + ' @ ' + job.get('company')?.get('name'));
    out.check(job.get('company') instanceof Company, 'the job\'s company is a Company model');
  });
  out.line('> p.get(\'jobs\').add({ company: { name: \'Google\' }, person: p.id })');
  // `add` on the relation's collection takes attributes of a Job (Backbone's own typing).
  p.get('jobs').add({ company: { name: 'Google' }, person: p.id });

  const google = p.get('jobs').at(0).get('company');
  if (!google) throw new Error('the job has no company');
  out.line('google.get(\'employees\').length: ' + google.get('employees').length);

  out.heading('Two people, two companies, linked by jobs (typed)');

  const sergey = new Person({ id: 'p2', name: 'Sergey Brin' });
  const alphabet = new Company({ id: 'c2', name: 'Alphabet' });
  google.set({ id: 'c1' });

  // A job can also be created from ids: the person and company are found in the store.
  new Job({ id: 'j2', person: 'p2', company: 'c1', startDate: '1998-09-04' });
  new Job({ id: 'j3', person: 'p1', company: 'c2', startDate: '2015-10-02' });
  new Job({ id: 'j4', person: 'p2', company: 'c2', startDate: '2015-10-02' });

  const companiesOf = (person: Person): string => person.get('jobs').map((job) => job.get('company')?.get('name')).join(', ');
  const peopleAt = (company: Company): string => company.get('employees').map((job) => job.get('person')?.get('name')).join(', ');

  out.line('Larry Page works at: ' + companiesOf(p));
  out.line('Sergey Brin works at: ' + companiesOf(sergey));
  out.line('Google employs: ' + peopleAt(google));
  out.line('Alphabet employs: ' + peopleAt(alphabet));
  out.check(peopleAt(alphabet) === 'Larry Page, Sergey Brin', 'Alphabet employs both');

  out.heading('Ending a job: destroy the link model (typed)');

  const j4 = Job.find('j4');
  if (!j4) throw new Error('no job j4');
  // There is no server here: this job's sync just reports success.
  j4.sync = (_method, _model, options) => options?.success?.({});
  j4.destroy();
  out.line('Alphabet employs: ' + peopleAt(alphabet));
  out.check(peopleAt(alphabet) === 'Larry Page', 'only Larry is left at Alphabet');

  Backbone.Relational.store.removeModelScope(models);
}
