{{path}}
