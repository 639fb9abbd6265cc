// The manual's many-to-many example: a Person has many Jobs, a Company has many employees
// (Jobs), and each Job links one Person to one Company. Also the manual's event-queue example:
// when `add:jobs` fires, the new job's person and company are already models.
//
// Runs in a page (jobs.html) and in Node (`node examples/jobs.js`).
(function (example) {
  if (typeof module === 'object' && module.exports) {
    module.exports = example;
    if (require.main === module) require('./shared/node').main(example);
  } else {
    window.RelationalExamples.start(example);
  }
})({
  title: 'Person, Job and Company (many-to-many)',
  run: function (Backbone, _, $, out) {
    var models = {};
    Backbone.Relational.store.addModelScope(models);

    models.Person = Backbone.RelationalModel.extend({
      relations: [{
        type: 'HasMany',
        key: 'jobs',
        relatedModel: 'Job',
        reverseRelation: {
          key: 'person'
        }
      }]
    });

    // A link object between 'Person' and 'Company'
    models.Job = Backbone.RelationalModel.extend({
      defaults: {
        'startDate': null,
        'endDate': null
      }
    });

    models.Company = Backbone.RelationalModel.extend({
      relations: [{
        type: 'HasMany',
        key: 'employees',
        relatedModel: 'Job',
        reverseRelation: {
          key: 'company'
        }
      }]
    });

    out.heading('add:jobs fires once the whole graph is consistent');

    var p = new models.Person({ id: 'p1', name: 'Larry Page' });

    p.on('add:jobs', function (job) {
      // Here, you want the correct person and company to be set on job, instead of plain js.
      out.line('add:jobs: ' + job.get('person').get('name') + ' @ ' + job.get('company').get('name'));
      out.check(job.get('company') instanceof models.Company, 'the job\'s company is a Company model');
    });

    out.line('> p.get(\'jobs\').add({ company: { name: \'Google\' }, person: p.id })');
    p.get('jobs').add({ company: { name: 'Google' }, person: p.id });

    var google = p.get('jobs').at(0).get('company');
    out.line('google.get(\'employees\').length: ' + google.get('employees').length);

    out.heading('Two people, two companies, linked by jobs');

    var sergey = new models.Person({ id: 'p2', name: 'Sergey Brin' });
    var alphabet = new models.Company({ id: 'c2', name: 'Alphabet' });
    google.set({ id: 'c1' });

    // A job can also be created from ids: the person and company are found in the store.
    new models.Job({ id: 'j2', person: 'p2', company: 'c1', startDate: '1998-09-04' });
    new models.Job({ id: 'j3', person: 'p1', company: 'c2', startDate: '2015-10-02' });
    new models.Job({ id: 'j4', person: 'p2', company: 'c2', startDate: '2015-10-02' });

    function companiesOf(person) {
      return person.get('jobs').map(function (job) { return job.get('company').get('name'); }).join(', ');
    }
    function peopleAt(company) {
      return company.get('employees').map(function (job) { return job.get('person').get('name'); }).join(', ');
    }

    out.line('Larry Page works at: ' + companiesOf(p));
    out.line('Sergey Brin works at: ' + companiesOf(sergey));
    out.line('Google employs: ' + peopleAt(google));
    out.line('Alphabet employs: ' + peopleAt(alphabet));
    out.check(peopleAt(alphabet) === 'Larry Page, Sergey Brin', 'Alphabet employs both');

    out.heading('Ending a job: destroy the link model');

    alphabet.on('remove:employees', function (job) {
      // By now the destroyed job is out of every relation: its person is null.
      out.line('remove:employees on Alphabet: job ' + job.id + ', its person now: ' + job.get('person'));
    });
    out.line('> Job.find(\'j4\').destroy()');
    var j4 = models.Job.find('j4');
    // There is no server here: this job's sync just reports success.
    j4.sync = function (method, model, options) { options.success({}); };
    j4.destroy();
    out.line('Sergey Brin works at: ' + companiesOf(sergey));
    out.line('Alphabet employs: ' + peopleAt(alphabet));
    out.line('Job.find(\'j4\'): ' + models.Job.find('j4'));
    out.check(peopleAt(alphabet) === 'Larry Page', 'only Larry is left at Alphabet');

    Backbone.Relational.store.removeModelScope(models);
  }
});
