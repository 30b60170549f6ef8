import {
  type FilterExpression,
  type Literal,
  type QueryFunctionParameter,
  queryFunctionNamespace,
} from './filter-ast.js';

// Precedence levels, lowest first, matching the parser: or < and < not < comparison < primary.
const orLevel = 1;
const andLevel = 2;
const notLevel = 3;
const comparisonLevel = 4;
const primaryLevel = 5;

/**
 * Canonical `$filter` text for a tree: `parseFilter(printFilter(e))` deep-equals `e`. Parentheses appear
 * only where precedence needs them, so a printed filter reads like one a person would write; used for
 * logs, tests, and wherever a filter has to be sent on (a nextLink).
 */
export function printFilter(expression: FilterExpression): string {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return printLogical(expression);
    case 'not':
      return `not ${printOperand(expression.operand, notLevel)}`;
    case 'compare':
      return `${printOperand(expression.left, primaryLevel)} ${expression.operator} ${printOperand(expression.right, primaryLevel)}`;
    case 'property':
      return expression.path.join('/');
    case 'call':
      return `${expression.name}(${expression.args.map(printFilter).join(',')})`;
    case 'queryFunction': {
      const parameters = Object.entries(expression.parameters).map(
        ([name, value]) => `${name}=${printParameter(value)}`,
      );
      return `${queryFunctionNamespace}${expression.name}(${parameters.join(',')})`;
    }
    case 'lambda': {
      const prefix = `${expression.collection.join('/')}/${expression.operator}`;
      if (expression.predicate === undefined) return `${prefix}()`;
      return `${prefix}(${expression.variable}:${printFilter(expression.predicate)})`;
    }
    default:
      return printLiteral(expression);
  }
}

/** Writes a literal as the lexer reads it back. */
export function printLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return literal.value ? 'true' : 'false';
    case 'number':
    case 'datetime':
    case 'date':
      return literal.text;
    case 'guid':
      return literal.value;
    case 'string':
      return `'${literal.value.replaceAll("'", "''")}'`;
  }
}

/**
 * Both operators are left-associative, so a chain `a or b or c` is a tree leaning left. The left spine
 * is walked with a loop rather than recursion: a long chain must not cost one stack frame per term.
 */
function printLogical(expression: FilterExpression & { kind: 'and' | 'or' }): string {
  const level = expression.kind === 'or' ? orLevel : andLevel;
  const rightOperands: FilterExpression[] = [];
  let leftmost: FilterExpression = expression;
  while (leftmost.kind === expression.kind) {
    rightOperands.push(leftmost.right);
    leftmost = leftmost.left;
  }
  let text = printOperand(leftmost, level);
  for (let index = rightOperands.length - 1; index >= 0; index -= 1) {
    // A right operand at the same level needs parentheses, or it would re-associate to the left.
    text += ` ${expression.kind} ${printOperand(rightOperands[index]!, level + 1)}`;
  }
  return text;
}

/** Prints an operand that must bind at least as tightly as `minimumLevel`, in parentheses otherwise. */
function printOperand(operand: FilterExpression, minimumLevel: number): string {
  const text = printFilter(operand);
  return levelOf(operand) < minimumLevel ? `(${text})` : text;
}

function levelOf(expression: FilterExpression): number {
  switch (expression.kind) {
    case 'or':
      return orLevel;
    case 'and':
      return andLevel;
    case 'not':
      return notLevel;
    case 'compare':
      return comparisonLevel;
    default:
      return primaryLevel;
  }
}

function printParameter(value: QueryFunctionParameter): string {
  if (Array.isArray(value)) return `[${(value as readonly Literal[]).map(printLiteral).join(',')}]`;
  return printLiteral(value as Literal);
}
