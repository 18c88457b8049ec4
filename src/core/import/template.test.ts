import { describe, expect, it } from 'vitest'
import { readImportText } from './detect'
import { parseCloudFormationYaml } from './cfnYaml'
import { extractStateMachines, quoteBarePlaceholders, resolveString } from './template'

const ASL = {
  StartAt: 'Hello',
  States: { Hello: { Type: 'Task', Resource: '${HelloFn.Arn}', End: true } },
}

function machines(text: string, name = 'template.yaml') {
  const reading = readImportText(text, name)
  if (reading.kind !== 'template') throw new Error(`expected a template, got ${reading.kind}`)
  return reading.machines
}

describe('parseCloudFormationYaml', () => {
  it('turns short-form tags into long-form intrinsic functions', () => {
    const result = parseCloudFormationYaml(
      [
        'A: !Ref Bucket',
        'B: !GetAtt Fn.Arn',
        'C: !Sub "arn:${AWS::Partition}:x"',
        'D: !Join [",", [a, !Ref X]]',
        'E: !Sub',
        '  - "${Var}"',
        '  - Var: !GetAtt Q.Url',
        'F: !GetAtt Fn.Outputs.Deep',
      ].join('\n'),
    )
    expect(result).toEqual({
      ok: true,
      value: {
        A: { Ref: 'Bucket' },
        B: { 'Fn::GetAtt': ['Fn', 'Arn'] },
        C: { 'Fn::Sub': 'arn:${AWS::Partition}:x' },
        D: { 'Fn::Join': [',', ['a', { Ref: 'X' }]] },
        E: { 'Fn::Sub': ['${Var}', { Var: { 'Fn::GetAtt': ['Q', 'Url'] } }] },
        F: { 'Fn::GetAtt': ['Fn', 'Outputs.Deep'] },
      },
    })
  })

  it('reports a syntax error with its line and column', () => {
    const result = parseCloudFormationYaml('Resources:\n  A: [1, 2\n')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem.line).toBeGreaterThanOrEqual(2)
  })
})

describe('resolveString', () => {
  it('evaluates Fn::Sub with escapes and literal variables, keeps references as placeholders', () => {
    expect(resolveString({ 'Fn::Sub': 'a ${X} ${!Lit}' })).toMatchObject({
      ok: true,
      value: 'a ${X} ${Lit}',
    })
    expect(
      resolveString({
        'Fn::Sub': ['${A}-${B}-${C}', { A: 'one', B: 2, C: { 'Fn::GetAtt': ['Fn', 'Arn'] } }],
      }),
    ).toMatchObject({ ok: true, value: 'one-2-${Fn.Arn}' })
  })

  it('evaluates Fn::Join over strings, Refs and nested Subs', () => {
    expect(
      resolveString({
        'Fn::Join': ['', ['{"x": "', { Ref: 'Table' }, '", "y": "', { 'Fn::Sub': '${Q}' }, '"}']],
      }),
    ).toMatchObject({ ok: true, value: '{"x": "${Table}", "y": "${Q}"}' })
  })

  it('names the intrinsic it cannot evaluate', () => {
    const result = resolveString({ 'Fn::If': ['Cond', 'a', 'b'] })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain('Fn::If')
  })
})

describe('quoteBarePlaceholders', () => {
  it('quotes placeholders outside strings only', () => {
    expect(quoteBarePlaceholders('{"a": ${N}, "b": "${S}", "c": "x\\"${T}"}')).toBe(
      '{"a": "${N}", "b": "${S}", "c": "x\\"${T}"}',
    )
  })
})

describe('extractStateMachines', () => {
  it('reads a SAM template in YAML with an inline Definition and substitutions', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  HelloFn:',
      '    Type: AWS::Serverless::Function',
      '  Orders:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      Name: orders',
      '      Type: EXPRESS',
      '      DefinitionSubstitutions:',
      '        Table: orders-table',
      '        Fn: !GetAtt HelloFn.Arn',
      '        Retries: 3',
      '      Definition:',
      '        StartAt: Save',
      '        States:',
      '          Save:',
      '            Type: Task',
      '            Resource: arn:aws:states:::dynamodb:putItem',
      '            Parameters:',
      '              TableName: ${Table}',
      '              Fn: ${Fn}',
      '            Retry:',
      '              - ErrorEquals: [States.ALL]',
      '                MaxAttempts: ${Retries}',
      '            Next: Call',
      '          Call:',
      '            Type: Task',
      '            Resource: !GetAtt HelloFn.Arn',
      '            End: true',
    ].join('\n')
    const [machine, ...rest] = machines(text)
    expect(rest).toEqual([])
    expect(machine).toMatchObject({
      logicalId: 'Orders',
      resourceType: 'AWS::Serverless::StateMachine',
      name: 'orders',
      workflowType: 'EXPRESS',
    })
    expect(machine!.result).toEqual({
      ok: true,
      source: 'Definition',
      placeholders: ['Fn', 'HelloFn.Arn'],
      definition: {
        StartAt: 'Save',
        States: {
          Save: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:putItem',
            Parameters: { TableName: 'orders-table', Fn: '${Fn}' },
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3 }],
            Next: 'Call',
          },
          Call: { Type: 'Task', Resource: '${HelloFn.Arn}', End: true },
        },
      },
    })
  })

  it('reads DefinitionString built with !Sub and with Fn::Join (JSON template)', () => {
    const yaml = [
      'Resources:',
      '  Machine:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      DefinitionString: !Sub |',
      '        {"StartAt": "Hello", "States": {"Hello": {"Type": "Task",',
      '          "Resource": "${HelloFn.Arn}", "TimeoutSeconds": ${Timeout}, "End": true}}}',
    ].join('\n')
    const [fromSub] = machines(yaml)
    expect(fromSub!.result).toMatchObject({
      ok: true,
      source: 'DefinitionString (Fn::Sub)',
      definition: {
        StartAt: 'Hello',
        States: { Hello: { Resource: '${HelloFn.Arn}', TimeoutSeconds: '${Timeout}' } },
      },
    })

    const json = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            StateMachineType: 'STANDARD',
            DefinitionString: {
              'Fn::Join': [
                '\n',
                [
                  '{"StartAt": "Hello", "States": {"Hello": {"Type": "Task",',
                  { 'Fn::Sub': '"Resource": "${HelloFn.Arn}",' },
                  '"End": true}}}',
                ],
              ],
            },
          },
        },
      },
    })
    const [fromJoin] = machines(json, 'stack.json')
    expect(fromJoin!.workflowType).toBe('STANDARD')
    expect(fromJoin!.result).toEqual({
      ok: true,
      source: 'DefinitionString (Fn::Join)',
      placeholders: ['HelloFn.Arn'],
      definition: ASL,
    })
  })

  it('reads a DefinitionString that is a plain JSON string, and the Definition object form', () => {
    const template = {
      Resources: {
        A: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: JSON.stringify(ASL) },
        },
        B: { Type: 'AWS::StepFunctions::StateMachine', Properties: { Definition: ASL } },
        Other: { Type: 'AWS::SQS::Queue' },
      },
    }
    const found = extractStateMachines(template)
    expect(found.map((m) => m.logicalId)).toEqual(['A', 'B'])
    expect(found.every((m) => m.result.ok)).toBe(true)
  })

  it('says clearly when a machine has only a DefinitionUri or S3 location', () => {
    const [uri, s3] = extractStateMachines({
      Resources: {
        Uri: {
          Type: 'AWS::Serverless::StateMachine',
          Properties: { DefinitionUri: 'statemachine/orders.asl.json' },
        },
        S3: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionS3Location: { Bucket: 'b', Key: 'k.json' } },
        },
      },
    })
    expect(uri!.result).toEqual({
      ok: false,
      message: expect.stringContaining(
        'Uri has only a DefinitionUri (statemachine/orders.asl.json)',
      ) as string,
    })
    expect(s3!.result.ok).toBe(false)
    if (!s3!.result.ok) expect(s3!.result.message).toContain('s3://b/k.json')
  })

  it('says where a DefinitionString is not valid JSON', () => {
    const [machine] = extractStateMachines({
      Resources: {
        M: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: { 'Fn::Sub': '{\n  "StartAt": "A",\n  "States": {,}\n}' },
          },
        },
      },
    })
    expect(machine!.result.ok).toBe(false)
    if (!machine!.result.ok) {
      expect(machine!.result.message).toContain(
        'Resources.M.Properties.DefinitionString (after Fn::Sub) is not valid JSON at line 3',
      )
    }
  })
})
