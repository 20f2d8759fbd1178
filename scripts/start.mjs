// `npm start`: until the sync server lands (issue 3) there is nothing to serve.
console.log(
  '连心 Lianxin: the sync server is not built yet (see README, "Status"). Run `npm test` to check the domain core.',
);
