declare module 'luaparse' {
  const luaparse: any;
  export default luaparse;
}
